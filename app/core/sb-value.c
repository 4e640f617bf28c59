/* sb-value.c — being written */
