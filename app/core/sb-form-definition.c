/* sb-form-definition.c — being written */
