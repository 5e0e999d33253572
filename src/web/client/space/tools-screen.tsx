/**
 * The self-help tools: pick a worksheet, answer its questions, keep it on the device; saved
 * worksheets read back, print one at a time (the print style sheet shows only that one), or go
 * out with the rest of the data in the JSON export.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SpaceStore } from './store.js';
import { TOOLS, cleanAnswers, toolOf, type Tool, type Worksheet } from './tools.js';
import type { Words } from './words.js';

interface Props {
  w: Words;
  store: SpaceStore;
  worksheets: Worksheet[];
  reload: () => Promise<void>;
}

export function ToolsScreen({ w, store, worksheets, reload }: Props) {
  const [open, setOpen] = useState<Tool>();
  const [printing, setPrinting] = useState<string>();
  useEffect(() => {
    if (printing === undefined) return;
    // The page re-rendered with only this worksheet printable: print, then show all again.
    window.print();
    setPrinting(undefined);
  }, [printing]);
  const saved = [...worksheets].sort((a, b) => (a.at < b.at ? 1 : -1));
  return (
    <>
      <p>{w.t('space.ui.tools.intro')}</p>
      {open === undefined ? (
        <ul class="space-list space-tools">
          {TOOLS.map((tool) => (
            <li key={tool.id}>
              <button type="button" onClick={() => setOpen(tool)}>
                {w.t('space.ui.tools.start', { name: w.t(`space.ui.tool.${tool.id}`) })}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <ToolForm
          w={w}
          tool={open}
          onClose={() => setOpen(undefined)}
          onSave={async (answers) => {
            await store.put('worksheets', {
              id: crypto.randomUUID(),
              tool: open.id,
              at: new Date().toISOString(),
              answers,
            });
            setOpen(undefined);
            await reload();
          }}
        />
      )}
      <section aria-labelledby="space-worksheets">
        <h2 id="space-worksheets">{w.t('space.ui.tools.saved')}</h2>
        {saved.length === 0 && <p class="muted">{w.t('space.ui.tools.none')}</p>}
        {saved.map((sheet) => (
          <SavedWorksheet
            key={sheet.id}
            w={w}
            sheet={sheet}
            skipPrint={printing !== undefined && printing !== sheet.id}
            onPrint={() => setPrinting(sheet.id)}
            onDelete={() => void store.remove('worksheets', sheet.id).then(reload)}
          />
        ))}
      </section>
    </>
  );
}

function ToolForm({
  w,
  tool,
  onClose,
  onSave,
}: {
  w: Words;
  tool: Tool;
  onClose: () => void;
  onSave: (answers: Record<string, string>) => Promise<void>;
}) {
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const name = w.t(`space.ui.tool.${tool.id}`);
  const submit = async (event: Event) => {
    event.preventDefault();
    const kept = cleanAnswers(tool, answers);
    if (kept !== undefined) await onSave(kept);
  };
  return (
    <section aria-labelledby="space-tool" class="space-card">
      <h2 id="space-tool">{name}</h2>
      <p>{w.t(`space.ui.tool.${tool.id}.intro`)}</p>
      <form class="space-form" onSubmit={(event) => void submit(event)}>
        {tool.questions.map(({ id, kind }) => {
          const field = `tool-${tool.id}-${id}`;
          const set = (value: string) => setAnswers((all) => ({ ...all, [id]: value }));
          const value = answers[id] ?? '';
          return (
            <div class="field" key={id}>
              <label for={field}>{w.t(`space.ui.tool.${tool.id}.${id}`)}</label>
              {kind === 'text' ? (
                <textarea
                  id={field}
                  rows={3}
                  maxLength={4000}
                  value={value}
                  onInput={(event) => set(event.currentTarget.value)}
                />
              ) : (
                <input
                  id={field}
                  {...(kind === 'moment'
                    ? { type: 'datetime-local' }
                    : kind === 'scale'
                      ? { type: 'number', min: 0, max: 10, inputMode: 'numeric' as const }
                      : { maxLength: 200 })}
                  value={value}
                  onInput={(event) => set(event.currentTarget.value)}
                />
              )}
            </div>
          );
        })}
        <button type="submit">{w.t('space.ui.tools.save')}</button>{' '}
        <button type="button" onClick={onClose}>
          {w.t('space.ui.tools.close')}
        </button>
      </form>
    </section>
  );
}

function SavedWorksheet({
  w,
  sheet,
  skipPrint,
  onPrint,
  onDelete,
}: {
  w: Words;
  sheet: Worksheet;
  skipPrint: boolean;
  onPrint: () => void;
  onDelete: () => void;
}) {
  const tool = toolOf(sheet.tool);
  if (tool === undefined) return null;
  const name = w.t(`space.ui.tool.${tool.id}`);
  const title = w.t('space.ui.tools.written', { name, date: w.day(sheet.at.slice(0, 10)) });
  return (
    <article class={skipPrint ? 'space-card no-print' : 'space-card'} aria-label={title}>
      <h3>{title}</h3>
      <dl>
        {tool.questions
          .filter((q) => sheet.answers[q.id] !== undefined)
          .map((q) => (
            <>
              <dt>{w.t(`space.ui.tool.${tool.id}.${q.id}`)}</dt>
              <dd class="space-answer">{sheet.answers[q.id]}</dd>
            </>
          ))}
      </dl>
      <p class="no-print">
        <button
          type="button"
          aria-label={w.t('space.ui.tools.print', { name: title })}
          onClick={onPrint}
        >
          {w.t('space.ui.tools.printButton')}
        </button>{' '}
        <button
          type="button"
          aria-label={w.t('space.ui.tools.delete', { name: title })}
          onClick={onDelete}
        >
          {w.t('space.ui.tools.deleteButton')}
        </button>
      </p>
    </article>
  );
}
