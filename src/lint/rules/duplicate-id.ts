import type { ProjectRule } from '../rule.js';

export const duplicateId: ProjectRule = {
  id: 'duplicate-id',
  scope: 'project',
  description: 'Two reviews with the same id.',
  defaultSeverity: 'error',
  docs: `A review's id is how everything else finds it: \`related:\` lists, links between reviews, the site's URLs, the
server's \`/api/reviews/:id\`. When two reviews share an id, one of them cannot be reached and the other collects
links meant for both.

The id is the file name without \`.md\` (a page bundle's folder name for \`index.md\`), or the date and title when the
name says nothing (\`001.md\`, a hash). Two reviews get the same id when two folders hold files of the same name, or
two unnamed files have the same date and title.

This rule looks across files: it compares every review linted in one run, so lint the whole reviews folder (or
several) at once. The first review keeps the id; each later one is reported, naming the file that has it. Rename
one of the files — usually by making its description more specific.

The "Not OK" example below is a git patch adding two reviews, because an example is a single file; any two files
in one \`hindsight lint\` run are compared the same way.`,
  examples: {
    ok: [
      {
        markdown: `# Checkout latency after cache eviction

Checkout took 8–12 seconds for 40 minutes after a cache node was replaced.
`,
      },
    ],
    notOk: [
      {
        path: 'add-reviews.patch',
        markdown: `diff --git a/payments/2025-03-02-checkout-latency.md b/payments/2025-03-02-checkout-latency.md
new file mode 100644
--- /dev/null
+++ b/payments/2025-03-02-checkout-latency.md
@@ -0,0 +1,3 @@
+# Checkout latency after cache eviction
+
+Checkout took 8–12 seconds for 40 minutes after a cache node was replaced.
diff --git a/storefront/2025-03-02-checkout-latency.md b/storefront/2025-03-02-checkout-latency.md
new file mode 100644
--- /dev/null
+++ b/storefront/2025-03-02-checkout-latency.md
@@ -0,0 +1,3 @@
+# Checkout latency after a bad deploy
+
+Checkout took 5 seconds for 15 minutes after release 4.2 shipped a slow query.
`,
      },
    ],
  },
  checkProject(entries, report) {
    const first = new Map<string, { file: string; path: string }>();
    for (const { review, file } of entries) {
      if (!review.isReview) continue;
      const seen = first.get(review.id);
      if (!seen) {
        first.set(review.id, { file, path: review.source.path });
        continue;
      }
      const other = seen.file === file ? `${seen.path} (earlier in this file)` : seen.file;
      // Inside a patch, point at the review's own lines rather than the top of the patch.
      const line = review.source.format === 'git-patch' ? (review.sections[0]?.line ?? 1) : 1;
      report(file, {
        line,
        message: `The id "${review.id}" is already taken by ${other}: rename one of the files so each review has its own id (the id is the file name without .md).`,
      });
    }
  },
};
