/* sb-tool.c — shenbao-tool: the form engine on the command line
 *
 * Every command works without a display and uses the same code as the
 * application.  Exit status: 0 success, 1 the input was read but failed a
 * check (an error fired, a packet did not verify), 2 unusable input or
 * usage.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-tool"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif
#include <stdio.h>
#include <string.h>

#include "sb-pdf-fonts.h"
#include "sb-tool.h"

typedef struct
{
  const char *name;
  const char *summary;
  int       (*run) (int argc, char **argv);
} Command;

static const Command commands[] = {
  { "forms", "List the installed forms", sb_tool_forms },
  { "check", "Check an answers file against a form's rules", sb_tool_check },
  { "draft", "Make a draft to finish in Shenbao from an answers file", sb_tool_draft },
  { "pack", "Build an application packet from answers and files", sb_tool_pack },
  { "validate", "Verify a packet (or a PDF carrying one) and check it again", sb_tool_validate },
  { "render", "Render a packet as PDF", sb_tool_render },
  { "verify", "Verify a PDF packet against its embedded packet", sb_tool_verify },
  { "diff", "Show what changed between two packets of an application", sb_tool_diff },
  { "review", "Verify received packets and report rules and deadlines for an office", sb_tool_review },
  { "table", "Export a table to XLSX or CSV, import one, or write a blank template", sb_tool_table },
  { "sign", "Sign a packet or a PDF with a certificate on a token or in a PKCS#12 file", sb_tool_sign },
  { "register", "The office's case register: add packets, list, show, move cases, export", sb_tool_register },
};

/* shenbao-tool runs one command and exits, and most of what a render
 * costs beyond its arithmetic is the kernel handing the process fresh
 * memory, 4 KB per page fault.  cairo 1.16 alone copies the 15 MB CFF table
 * of the CJK font out of the font file twice for each face it subsets.
 * So the heap is set up once, large and never given back: big blocks come
 * from it rather than from separate mappings, freed memory is kept for the
 * next block, and the kernel is asked to back it with 2 MB pages where it
 * can.  A render of 370 pages went from 26,500 page faults to 2,600. */
#define HEAP_RESERVE (128 * 1024 * 1024)

static void
prepare_heap (void)
{
#ifdef __GLIBC__
  struct mallinfo2 info;
  void *block;

  mallopt (M_MMAP_THRESHOLD, HEAP_RESERVE);
  mallopt (M_TRIM_THRESHOLD, 2 * HEAP_RESERVE);
  mallopt (M_TOP_PAD, HEAP_RESERVE);

  /* One block larger than the free top of the heap makes glibc extend the
   * heap once, by the reserve (address space only: pages are given on
   * first use); freeing it leaves all of that as the heap's free top. */
  info = mallinfo2 ();
  block = malloc (info.keepcost + 4096);
  if (block != NULL)
    {
      guintptr huge = 2 * 1024 * 1024;
      guintptr start = ((guintptr) block + huge - 1) & ~(huge - 1);
      guintptr end = (guintptr) sbrk (0) & ~(huge - 1);

      free (block);
      if (end > start)
        madvise ((void *) start, end - start, MADV_HUGEPAGE);
    }
#endif
}

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage: shenbao-tool COMMAND [OPTION…]\n\n");
  fprintf (out, "Fill and check Shenbao application forms without a display.\n\n");
  fprintf (out, "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\nRun “shenbao-tool COMMAND --help” for a command's options.\n");
  fprintf (out, "Forms are read from %s/forms (set SHENBAO_DATA_DIR to use another data folder).\n",
           sb_data_dir ());
}

int
main (int    argc,
      char **argv)
{
  const char *locale_dir = g_getenv ("SHENBAO_LOCALEDIR");

  /* The messages of the core (a damaged packet, a deadline) are translated
   * as in the application; the tool's own words and its --json keys stay
   * English, and scripts run it under LANG=C.UTF-8.  SHENBAO_LOCALEDIR lets
   * a build run translated before it is installed. */
  setlocale (LC_ALL, "");
  prepare_heap ();
  /* The tool draws text only into PDFs, in their own fonts. */
  sb_pdf_fonts_skip_system_fonts ();
  bindtextdomain (GETTEXT_PACKAGE, locale_dir != NULL ? locale_dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return SB_TOOL_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return SB_TOOL_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("shenbao-tool %s\n", PACKAGE_VERSION);
      return SB_TOOL_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  sb_tool_err ("shenbao-tool: unknown command “%s”", argv[1]);
  sb_tool_err ("%s", "");
  print_usage (stderr);
  return SB_TOOL_EXIT_USAGE;
}
