/* sb-expression.c — being written */
