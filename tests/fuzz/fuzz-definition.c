/* fuzz-definition.c — libFuzzer target for the form definition loader
 *
 * Whatever the bytes, loading must either give a definition or an error,
 * never crash, hang or leak.  Seed corpus: the definitions in data/forms
 * and tests/fixtures/forms.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-form-definition.h"
#include "sb-validator.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbFormDefinition) definition = NULL;

  definition = sb_form_definition_new_from_bytes (bytes, "fuzz.json", NULL, &error);
  if (definition != NULL)
    {
      /* A definition that loads must also validate empty answers. */
      g_autoptr(SbAnswers) answers = sb_answers_new (definition);
      g_autoptr(SbValidationReport) report = sb_validate (answers, 0, NULL);

      g_assert (report != NULL);
    }
  else
    {
      g_assert (error != NULL);
    }

  return 0;
}
