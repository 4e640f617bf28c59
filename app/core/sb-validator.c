/* sb-validator.c — being written */
