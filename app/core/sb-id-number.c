/* sb-id-number.c — being written */
