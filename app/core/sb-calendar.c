/* sb-calendar.c — being written */
