import { describe, expect, it } from 'vitest';
import { setCheckbox, setStatus } from '../../src/server/text-edits.js';

describe('text edits', () => {
  it('tick and untick the checkbox on one line, leaving every other byte alone', () => {
    const text = '# R\r\n\r\n- [ ] First @a\r\n- [x] Second\r\n| [ ] | In a table |\r\n';
    expect(setCheckbox(text, 3, true)).toBe(text.replace('- [ ] First', '- [x] First'));
    expect(setCheckbox(text, 4, false)).toBe(text.replace('- [x] Second', '- [ ] Second'));
    expect(setCheckbox(text, 5, true)).toBe(text.replace('| [ ] |', '| [x] |'));
    expect(setCheckbox(text, 1, true)).toBeNull();
    expect(setCheckbox(text, 99, true)).toBeNull();
  });

  it('set the status in YAML or TOML front matter, adding the key or a block when missing', () => {
    expect(setStatus('---\ntitle: A\nstatus: draft\n---\n\n# A\n', 'published')).toBe(
      '---\ntitle: A\nstatus: published\n---\n\n# A\n',
    );
    expect(setStatus('---\ntitle: A\n---\n# A\n', 'in-review')).toBe(
      '---\ntitle: A\nstatus: in-review\n---\n# A\n',
    );
    expect(setStatus('+++\ntitle = "A"\nstatus = "draft"\n+++\n# A\n', 'published')).toBe(
      '+++\ntitle = "A"\nstatus = "published"\n+++\n# A\n',
    );
    expect(setStatus('# A\n\nBody with status: draft in prose.\n', 'draft')).toBe(
      '---\nstatus: draft\n---\n\n# A\n\nBody with status: draft in prose.\n',
    );
  });

  it('fill an empty front matter block instead of adding a second one, keeping CRLF line breaks', () => {
    expect(setStatus('---\n---\n# A\n', 'draft')).toBe('---\nstatus: draft\n---\n# A\n');
    expect(setStatus('+++\n+++\n# A\n', 'draft')).toBe('+++\nstatus = "draft"\n+++\n# A\n');
    expect(setStatus('---\r\ntitle: A\r\n---\r\n# A\r\n', 'draft')).toBe(
      '---\r\ntitle: A\r\nstatus: draft\r\n---\r\n# A\r\n',
    );
  });
});
