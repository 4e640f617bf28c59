/* sb-draft.h — an application in progress, as it is autosaved
 *
 * A draft holds everything a person has typed, including text that does not
 * parse yet ("12,5" in a money field): the answers as they would be packed,
 * plus the raw text of every value that could not be stored as its type.
 * Drafts live in $XDG_DATA_HOME/<app id>/drafts/, one file each, written
 * atomically (temporary file, fsync, rename): a crash loses nothing that
 * was saved.
 *
 * The file (format 1) is a JSON object: "format", "kind" ("shenbao-draft"),
 * "id", "form" {id, version, sha256}, "created", "updated", "step",
 * "answers", "raw", "justifications", "packets" (reference -> finalised),
 * and since later versions the optional "name" (the person's own name for
 * it) and "checked_steps" (array of step ids).  Members are only ever
 * added, never renamed: a reader ignores what it does not know and takes
 * a missing member as empty, so every older draft still opens.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-answers.h"
#include "sb-form-registry.h"

G_BEGIN_DECLS

#define SB_DRAFT_ERROR (sb_draft_error_quark ())

typedef enum {
  SB_DRAFT_ERROR_INVALID,       /* not a draft, or malformed */
  SB_DRAFT_ERROR_UNSUPPORTED,   /* a newer format */
  SB_DRAFT_ERROR_UNKNOWN_FORM,  /* its form is not installed */
  SB_DRAFT_ERROR_IO,            /* reading or writing failed (full disk…) */
  SB_DRAFT_ERROR_TOO_LARGE,     /* larger than a draft is let to be: not read */
} SbDraftError;

#define SB_TYPE_DRAFT (sb_draft_get_type ())
G_DECLARE_FINAL_TYPE (SbDraft, sb_draft, SB, DRAFT, GObject)

GQuark       sb_draft_error_quark       (void);

/* A new, empty draft of @definition with a fresh id. @now: ISO 8601 UTC. */
SbDraft     *sb_draft_new               (SbFormDefinition  *definition,
                                         const char        *now);
/* Reads a draft; its form is looked up in @registry by id and version. */
SbDraft     *sb_draft_new_from_bytes    (SbFormRegistry    *registry,
                                         GBytes            *bytes,
                                         GError           **error);
GBytes      *sb_draft_to_bytes          (SbDraft           *self);
/* What sb_draft_to_bytes() writes, as a tree of its own (every answer
 * copied): taken where the draft changes, it can be written out with
 * sb_draft_json_to_bytes() in another thread. */
JsonNode    *sb_draft_to_json           (SbDraft           *self);
GBytes      *sb_draft_json_to_bytes     (JsonNode          *tree);

const char  *sb_draft_get_id            (SbDraft           *self);
/* Gives the draft a fresh id (an imported copy of a draft we have). */
void         sb_draft_take_new_id       (SbDraft           *self);
SbAnswers   *sb_draft_get_answers       (SbDraft           *self);
SbFormDefinition *sb_draft_get_definition (SbDraft         *self);
const char  *sb_draft_get_created       (SbDraft           *self);
const char  *sb_draft_get_updated       (SbDraft           *self);
void         sb_draft_touch             (SbDraft           *self,
                                         const char        *now);

/* The step the person was on, to reopen there. */
const char  *sb_draft_get_step          (SbDraft           *self);
void         sb_draft_set_step          (SbDraft           *self,
                                         const char        *step_id);

/* Text typed into @path ("field" or "table[3].column") that is not a valid
 * value yet; NULL clears it. */
void         sb_draft_set_raw_text      (SbDraft           *self,
                                         const char        *path,
                                         const char        *text);
const char  *sb_draft_get_raw_text      (SbDraft           *self,
                                         const char        *path);
GHashTable  *sb_draft_get_raw_texts     (SbDraft           *self);  /* path -> text */

/* The applicant's written justification of a warning. */
void         sb_draft_set_justification (SbDraft           *self,
                                         const char        *rule_id,
                                         const char        *text);
const char  *sb_draft_get_justification (SbDraft           *self,
                                         const char        *rule_id);
GHashTable  *sb_draft_get_justifications (SbDraft          *self);  /* rule id -> text */

/* The packets finished from this draft, by reference number: a review of
 * one of them leads back here. */
void         sb_draft_add_packet        (SbDraft           *self,
                                         const char        *reference,
                                         const char        *finalised);
gboolean     sb_draft_has_packet        (SbDraft           *self,
                                         const char        *reference);

/* TRUE once a packet was finished from it: the start page lists it
 * apart, and it opens read-only. */
gboolean     sb_draft_is_finished       (SbDraft           *self);
/* The packet finished last (by its finalised time): its reference number
 * and time (ISO 8601 UTC, may be ""). FALSE when there is none. */
gboolean     sb_draft_get_last_packet   (SbDraft           *self,
                                         const char       **reference,
                                         const char       **finalised);

/* The person's own name for the application (renamed on the start
 * page), or NULL; blank text clears it. */
const char  *sb_draft_get_name          (SbDraft           *self);
void         sb_draft_set_name          (SbDraft           *self,
                                         const char        *name);

/* Which steps were checked (Next pressed on them, or reviewed): their
 * status in the step list is restored with the draft. */
gboolean     sb_draft_is_step_checked   (SbDraft           *self,
                                         const char        *step_id);
void         sb_draft_set_step_checked  (SbDraft           *self,
                                         const char        *step_id,
                                         gboolean           checked);

/* A new draft (fresh id, created @now) with everything typed into @self,
 * for a new application based on a finished one. */
SbDraft     *sb_draft_new_copy          (SbDraft           *self,
                                         const char        *now);

/* What names the application in lists: the person's own name, else the summary fields' answers, or
 * the form's title when they are empty. */
char        *sb_draft_dup_display_name  (SbDraft           *self);

G_END_DECLS
