/* sb-tool-sign.c — shenbao-tool sign
 *
 * A packet or an office's review file (JSON) gets one more detached CMS
 * signature in its "signatures" block; a PDF gets a PAdES B-B signature as an
 * incremental update.  The PIN or password comes from $SHENBAO_PIN or
 * is asked on the terminal without echo; it is never written anywhere.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-tool"

#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "sb-packet-signatures.h"
#include "sb-pdf-sign.h"
#include "sb-review.h"
#include "sb-tool.h"

#define MAX_PIN_BYTES 256

/* Auxiliary functions */

/* A line from the controlling terminal with echo off, or NULL when there
 * is none (a script without $SHENBAO_PIN). */
static char *
ask_pin (const char *prompt)
{
  struct termios saved, quiet;
  char line[MAX_PIN_BYTES];
  gboolean read_ok;
  FILE *tty;
  int fd = open ("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);

  if (fd < 0)
    return NULL;
  tty = fdopen (fd, "r+");
  if (tty == NULL)
    {
      close (fd);
      return NULL;
    }
  if (tcgetattr (fd, &saved) != 0)
    {
      fclose (tty);
      return NULL;
    }
  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  quiet.c_lflag |= ECHONL;
  /* To the terminal itself, not stdout: the prompt is no output. */
  if (write (fd, prompt, strlen (prompt)) < 0)
    {
      fclose (tty);
      return NULL;
    }
  tcsetattr (fd, TCSAFLUSH, &quiet);
  read_ok = fgets (line, sizeof line, tty) != NULL;
  tcsetattr (fd, TCSAFLUSH, &saved);
  fclose (tty);
  if (!read_ok)
    return NULL;
  line[strcspn (line, "\r\n")] = '\0';
  {
    char *pin = g_strdup (line);

    memset (line, 0, sizeof line);
    return pin;
  }
}

static gboolean
is_pdf (GBytes *bytes)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return length >= 5 && memcmp (data, "%PDF-", 5) == 0;
}

static gboolean
write_atomically (const char  *path,
                  GBytes      *bytes,
                  GError     **error)
{
  return g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0644, error);
}

/* Public API */

int
sb_tool_sign (int    argc,
              char **argv)
{
  g_autofree char *pkcs12 = NULL;
  g_autofree char *pkcs11 = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "pkcs12", 0, 0, G_OPTION_ARG_FILENAME, &pkcs12, "Sign with the key and certificate in this PKCS#12 file", "FILE" },
    { "pkcs11", 0, 0, G_OPTION_ARG_STRING, &pkcs11, "Sign with the key on a token (a UKey) this PKCS#11 URI names",
      "URI" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the signed packet, review file or PDF here", "OUT" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) input = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) signed_bytes = NULL;
  g_autoptr(SbSigner) signer = NULL;
  g_autofree char *pin = NULL;
  const char *environment_pin;
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, "IN",
                              "Sign a packet or a review file (JSON: a detached CMS signature in its signature block) "
                              "or a PDF (PAdES baseline B, an incremental update after the unsigned bytes).",
                              "The PIN or password is read from $SHENBAO_PIN, else asked on the terminal.  "
                              "p11-kit finds the token modules installed on the system; list tokens with "
                              "“p11tool --list-tokens”.  Exit status: 0 signed, 1 not signed, 2 bad usage.",
                              entries, &exit_code))
    return exit_code;

  if (argc != 2 || output == NULL || (pkcs12 == NULL) == (pkcs11 == NULL))
    {
      sb_tool_err ("Usage: shenbao-tool sign (--pkcs12 FILE | --pkcs11 URI) IN -o OUT");
      return SB_TOOL_EXIT_USAGE;
    }

  input = g_file_new_for_commandline_arg (argv[1]);
  bytes = g_file_load_bytes (input, NULL, NULL, &error);
  if (bytes == NULL)
    {
      sb_tool_err ("shenbao-tool sign: %s", error->message);
      return SB_TOOL_EXIT_USAGE;
    }

  environment_pin = g_getenv ("SHENBAO_PIN");
  if (environment_pin != NULL)
    pin = g_strdup (environment_pin);
  else if ((pin = ask_pin (pkcs11 != NULL ? "PIN: " : "Password: ")) == NULL)
    {
      sb_tool_err ("shenbao-tool sign: no terminal to ask the PIN on: set SHENBAO_PIN");
      return SB_TOOL_EXIT_USAGE;
    }
  signer = pkcs11 != NULL ? sb_signer_new_from_pkcs11 (pkcs11, pin, &error)
                          : sb_signer_new_from_pkcs12 (pkcs12, pin, &error);
  memset (pin, 0, strlen (pin));
  if (signer == NULL)
    {
      sb_tool_err ("shenbao-tool sign: %s", error->message);
      return SB_TOOL_EXIT_FAILED;
    }

  if (is_pdf (bytes))
    signed_bytes = sb_pdf_sign (bytes, signer, &error);
  else if (sb_tool_is_review_file (bytes))
    {
      g_autoptr(SbFormRegistry) registry = sb_tool_load_registry ();
      g_autoptr(SbReview) review = sb_review_load (registry, bytes, &error);

      if (review == NULL)
        {
          sb_tool_err ("shenbao-tool sign: %s: %s", argv[1], error->message);
          return SB_TOOL_EXIT_USAGE;
        }
      signed_bytes = sb_review_sign (review, signer, &error);
    }
  else
    {
      g_autoptr(SbFormRegistry) registry = sb_tool_load_registry ();
      g_autoptr(SbCalendar) calendar = sb_tool_load_calendar ();
      g_autoptr(SbPacket) packet = sb_packet_new_from_bytes (bytes, registry, calendar, &error);

      if (packet == NULL)
        {
          sb_tool_err ("shenbao-tool sign: %s: %s", argv[1], error->message);
          return SB_TOOL_EXIT_USAGE;
        }
      signed_bytes = sb_packet_sign (packet, signer, &error);
    }
  if (signed_bytes == NULL)
    {
      sb_tool_err ("shenbao-tool sign: %s", error->message);
      return SB_TOOL_EXIT_FAILED;
    }

  if (!write_atomically (output, signed_bytes, &error))
    {
      sb_tool_err ("shenbao-tool sign: %s", error->message);
      return SB_TOOL_EXIT_FAILED;
    }
  sb_tool_out ("signed by %s: %s", sb_signer_get_subject (signer), output);
  return SB_TOOL_EXIT_OK;
}
