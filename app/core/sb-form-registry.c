/* sb-form-registry.c — being written */
