/* sb-material-status.h — what was submitted for each material of a form
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-answers.h"
#include "sb-calendar.h"
#include "sb-form-definition.h"

G_BEGIN_DECLS

typedef enum {
  SB_MATERIAL_SUBMITTED,       /* 已提交: the files are listed */
  SB_MATERIAL_NOT_APPLICABLE,  /* 不适用: the reason says why */
  SB_MATERIAL_MISSING,         /* 未提交: required, and not (all) there */
  SB_MATERIAL_NOT_GIVEN,       /* not required and not given: 未提供 */
  SB_MATERIAL_THIS_DOCUMENT,   /* generated: the application itself */
} SbMaterialState;

/* One attached file of a material. */
typedef struct {
  char   *field;       /* the part: "field" or "table[].column" */
  int     row;         /* table row, or -1 */
  char   *name;
  char   *media_type;
  gint64  size;
  char   *sha256;      /* lower-case hex, may be NULL in a draft */
} SbMaterialFile;

typedef struct {
  const SbMaterial     *material;
  SbMaterialState       state;
  const SbMaterialWay  *way;      /* the way taken or expected, may be NULL */
  GPtrArray            *files;    /* SbMaterialFile*, in definition order */
  GPtrArray            *missing;  /* SbField* of the way's parts without a file */
  GPtrArray            *answered; /* SbField* of the way's parts answered in the form */
  SbText                reason;   /* not applicable: why; may be empty otherwise */
} SbMaterialStatus;

void        sb_material_status_free  (SbMaterialStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbMaterialStatus, sb_material_status_free)

/* The status of every material of @answers' definition, in its order
 * (SbMaterialStatus*).  Files are read from the visible answers;
 * materials, ways and fields are borrowed from the definition.
 * @calendar (may be NULL) is for the conditions. */
GPtrArray  *sb_material_status_compute (SbAnswers  *answers,
                                        SbCalendar *calendar);

/* Counts of @statuses (from sb_material_status_compute()) by state:
 * @counts has one slot per SbMaterialState. */
void        sb_material_status_count   (GPtrArray  *statuses,
                                        guint       counts[5]);

/* "已提交", "不适用", "未提交", "未提供", "本申请书" */
const char *sb_material_state_to_string_zh (SbMaterialState state);
/* The same, translated for the interface. */
const char *sb_material_state_to_string    (SbMaterialState state);

/* The first 12 hex digits of a file's SHA-256, the short form printed in
 * lists (the full hash goes in an appendix); "" for NULL. */
char       *sb_material_short_hash   (const char *sha256);

G_END_DECLS
