/* sb-review.h — a reviewer's work on one packet
 *
 * The review is its own file (the "review JSON"): it names the packet it
 * judges by reference number and integrity hash, so it can travel back to
 * the applicant, who opens it beside the packet and is taken to the fields
 * the reviewer flagged.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-calendar.h"
#include "sb-form-definition.h"
#include "sb-form-registry.h"
#include "sb-signer.h"

G_BEGIN_DECLS

#define SB_REVIEW_ERROR (sb_review_error_quark ())

typedef enum {
  SB_REVIEW_ERROR_INVALID,        /* not a review file, or malformed */
  SB_REVIEW_ERROR_UNSUPPORTED,    /* a format this version cannot read */
  SB_REVIEW_ERROR_MISMATCH,       /* it refers to another form or packet */
  SB_REVIEW_ERROR_INCOMPLETE,     /* a decision its safeguards do not allow yet */
  SB_REVIEW_ERROR_IO,             /* the review store could not write or read */
} SbReviewError;

typedef enum {
  SB_CHECK_UNCHECKED,
  SB_CHECK_OK,
  SB_CHECK_PROBLEM,
} SbCheckState;

/* A correction the applicant must make: about a field (or a table cell), a
 * material, or the application as a whole (both NULL). */
typedef struct {
  char *field;      /* "field" or "table[].column", or NULL */
  int   row;        /* -1 unless a table row */
  char *material;   /* material id, or NULL */
  char *text;
} SbReviewNote;

/* A statutory deadline, computed. */
typedef struct {
  const char *id;
  const char *label;      /* zh_CN */
  int         working_days;
  gint32      from;       /* Julian day the period starts after */
  gint32      due;        /* last day; 0 when the calendar does not cover it */
  int         remaining;  /* working days left after @today; negative: overdue */
  char       *problem;    /* why @due is unknown, or NULL */
} SbDeadlineStatus;

#define SB_TYPE_REVIEW (sb_review_get_type ())
G_DECLARE_FINAL_TYPE (SbReview, sb_review, SB, REVIEW, GObject)

GQuark        sb_review_error_quark        (void);

/* Signals:
 *   changed ()   anything the reviewer records changed (each setter, adding
 *                or removing a note): the moment to save it. */
SbReview     *sb_review_new                (SbFormDefinition  *definition,
                                            const char        *packet_reference,
                                            const char        *packet_hash,
                                            gint32             received);

/* Reads a review file; @definition must be the one its packet was made
 * with (checked by id and version). */
SbReview     *sb_review_new_from_bytes     (SbFormDefinition  *definition,
                                            GBytes            *bytes,
                                            GError           **error);
/* Reads a review file, finding its form in @registry. */
SbReview     *sb_review_load               (SbFormRegistry    *registry,
                                            GBytes            *bytes,
                                            GError           **error);
/* The review file: JSON, members in a fixed order, ending in a newline;
 * without signatures. */
GBytes       *sb_review_to_bytes           (SbReview          *self);

/* Signatures, in the block packets carry (sb-signature-block.h): each a
 * detached CMS signature over the canonical bytes of the review file
 * without the block.  They are those of the file the review was read
 * from, and forgotten once the review changes (a signature vouches for
 * the file as it was read).  0 for an unsigned review. */
guint         sb_review_get_n_signatures   (SbReview          *self);
/* Each signature checked (SbSignature*, empty when unsigned) against
 * the CA certificates of @trust_dir (may be NULL: nothing is trusted).
 * Safe in a worker thread while nobody changes the review. */
GPtrArray    *sb_review_verify_signatures  (SbReview          *self,
                                            const char        *trust_dir,
                                            GError           **error);
/* The review file with one more signature, by @signer: the file it was
 * read from, unchanged but for the block (its earlier signatures kept),
 * or, for a review made or changed here, what sb_review_to_bytes()
 * writes. */
GBytes       *sb_review_sign               (SbReview          *self,
                                            SbSigner          *signer,
                                            GError           **error);

SbFormDefinition *sb_review_get_definition (SbReview          *self);
const char   *sb_review_get_packet_reference (SbReview        *self);
const char   *sb_review_get_packet_hash    (SbReview          *self);
gint32        sb_review_get_received       (SbReview          *self);
/* The day the office received the packet, which deadlines count from. */
void          sb_review_set_received       (SbReview          *self,
                                            gint32             received);

void          sb_review_set_reviewer       (SbReview          *self,
                                            const char        *name,
                                            const char        *office);
const char   *sb_review_get_reviewer_name  (SbReview          *self);
const char   *sb_review_get_reviewer_office (SbReview         *self);

/* @decision: a decision id of the definition's review section, or NULL.
 * An approval (its "kind" in the definition) needs every checklist item
 * 符合 or explained by a note; a refusal needs the reason and the clause
 * (sb_review_set_decision_reason()) first: otherwise
 * SB_REVIEW_ERROR_INCOMPLETE says what is missing and nothing changes. */
gboolean      sb_review_set_decision       (SbReview          *self,
                                            const char        *decision,
                                            gint32             decided,
                                            GError           **error);
const char   *sb_review_get_decision       (SbReview          *self);
gint32        sb_review_get_decided        (SbReview          *self);
/* Why @decision could not be recorded now, or NULL when it can. */
char         *sb_review_dup_decision_problem (SbReview        *self,
                                            const char        *decision);

/* The reason of the decision and the clause it rests on: @clause is a
 * checklist item id of the definition (whose citation is the clause), or
 * NULL.  Kept whatever the decision, so a reason typed first is not lost. */
gboolean      sb_review_set_decision_reason (SbReview         *self,
                                            const char        *reason,
                                            const char        *clause,
                                            GError           **error);
const char   *sb_review_get_decision_reason (SbReview         *self);
const char   *sb_review_get_decision_clause (SbReview         *self);

gboolean      sb_review_set_check          (SbReview          *self,
                                            const char        *item_id,
                                            SbCheckState       state,
                                            const char        *note,
                                            GError           **error);
SbCheckState  sb_review_get_check          (SbReview          *self,
                                            const char        *item_id,
                                            const char       **note);

/* Adds a note; @field and @material are checked against the definition. */
gboolean      sb_review_add_note           (SbReview          *self,
                                            const char        *field,
                                            int                row,
                                            const char        *material,
                                            const char        *text,
                                            GError           **error);
void          sb_review_remove_note        (SbReview          *self,
                                            guint              index);
GPtrArray    *sb_review_get_notes          (SbReview          *self);   /* SbReviewNote* */

/* The statutory deadlines of the definition's review section, counted in
 * working days from the receipt (or the submission date) as rules.md §0.4
 * says, with what remains after @today.  SbDeadlineStatus*, free with
 * g_ptr_array_unref. */
GPtrArray    *sb_review_compute_deadlines  (SbReview          *self,
                                            gint32             submission_date,
                                            gint32             today,
                                            SbCalendar        *calendar);

G_END_DECLS
