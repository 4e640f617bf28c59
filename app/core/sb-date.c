/* sb-date.c — being written */
