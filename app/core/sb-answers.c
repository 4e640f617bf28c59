/* sb-answers.c — being written */
