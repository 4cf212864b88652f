import Form from '@rjsf/core';
import { ChangeEvent, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { parse } from 'yaml';
import { ErrorPanel, Loading } from '../common/StatusPanels';
import { DirectoryFile, dryRun, DryRunResult, JsonSchema, ParameterSchema } from './api';
import { FIELDS, ScaffolderFormContext } from './fields';
import { TaskOutputPanel } from './TaskPage';
import { pagesOf } from './TemplateFormPage';
import { validator } from './validator';
import './scaffolder.css';

type Values = Record<string, unknown>;

/** The template's parameter pages as the scaffolder serves them: one schema or a list of pages. */
export function parametersOf(template: unknown): ParameterSchema {
  const spec = (template as { spec?: { parameters?: unknown }; metadata?: { title?: string; name?: string } }) ?? {};
  const parameters = spec.spec?.parameters;
  const list = (Array.isArray(parameters) ? parameters : parameters ? [parameters] : []) as JsonSchema[];
  return {
    title: spec.metadata?.title ?? spec.metadata?.name ?? 'Template',
    steps: list.map((page) => ({ title: String(page.title ?? 'Please enter the following information'), description: page.description as string | undefined, schema: page })),
  };
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const base64OfText = (text: string) => base64Of(new TextEncoder().encode(text));

/** A produced file's text, or undefined when it is binary (a NUL byte, or not UTF-8), as the scaffolder tells them apart. */
export function textOf(file: DirectoryFile): string | undefined {
  const bytes = Uint8Array.from(atob(file.base64Content), (c) => c.charCodeAt(0));
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** /create/edit: paste a template (and the files beside it), fill its form, dry-run it, read the files and log it produces. */
export function TemplateEditorPage() {
  const [yaml, setYaml] = useState('');
  const [files, setFiles] = useState<DirectoryFile[]>([]);
  const [values, setValues] = useState<Values>({});
  const secrets = useRef<Record<string, string>>({});
  const [result, setResult] = useState<DryRunResult>();
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<Error>();
  const [shown, setShown] = useState<string>();
  const [newPath, setNewPath] = useState('');
  const [newContent, setNewContent] = useState('');

  const template = useMemo((): { value?: unknown; error?: Error } => {
    if (!yaml.trim()) return {};
    try {
      return { value: parse(yaml) };
    } catch (error) {
      return { error: error as Error };
    }
  }, [yaml]);
  const pages = useMemo(() => (template.value ? pagesOf(parametersOf(template.value)) : []), [template.value]);
  const context = useMemo<ScaffolderFormContext>(
    () => ({ secrets: secrets.current, setSecret: (key, value) => (value === undefined ? delete secrets.current[key] : (secrets.current[key] = value)) }),
    [],
  );

  async function loadFiles(event: ChangeEvent<HTMLInputElement>) {
    const chosen = [...(event.target.files ?? [])];
    const loaded = await Promise.all(
      chosen.map(async (file) => ({
        // A chosen folder gives paths under its own name; the template's folder is their root.
        path: (file.webkitRelativePath || file.name).split('/').slice(file.webkitRelativePath ? 1 : 0).join('/'),
        base64Content: base64Of(new Uint8Array(await file.arrayBuffer())),
      })),
    );
    setFiles((known) => [...known.filter((one) => !loaded.some((l) => l.path === one.path)), ...loaded]);
  }

  function addFile() {
    if (!newPath.trim()) return;
    const path = newPath.trim();
    setFiles((known) => [...known.filter((one) => one.path !== path), { path, base64Content: base64OfText(newContent) }]);
    setNewPath('');
    setNewContent('');
  }

  async function run() {
    setRunning(true);
    setFailure(undefined);
    setResult(undefined);
    try {
      const answer = await dryRun(template.value, values, files, { ...secrets.current });
      setResult(answer);
      setShown(answer.directoryContents[0]?.path);
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setRunning(false);
    }
  }

  const shownFile = result?.directoryContents.find((file) => file.path === shown);
  return (
    <section>
      <p>
        <Link to="/create">All templates</Link>
      </p>
      <h1>Template editor</h1>
      <p className="muted">A dry run renders the template with the values below and publishes and registers nothing.</p>
      <div className="editor-layout">
        <div>
          <div className="field">
            <label htmlFor="template-yaml">Template YAML</label>
            <textarea id="template-yaml" className="code-input" rows={18} spellCheck={false} value={yaml} onChange={(event) => setYaml(event.target.value)} />
          </div>
          {template.error && <ErrorPanel title="Not a YAML document" error={template.error} />}
          <fieldset className="editor-files">
            <legend>Files beside the template ({files.length})</legend>
            <div className="field">
              <label htmlFor="template-files">Load files</label>
              <input id="template-files" type="file" multiple onChange={loadFiles} />
            </div>
            <div className="field">
              <label htmlFor="new-file-path">Path of a new file</label>
              <input id="new-file-path" value={newPath} placeholder="skeleton/README.md" onChange={(event) => setNewPath(event.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="new-file-content">Its contents</label>
              <textarea id="new-file-content" className="code-input" rows={4} value={newContent} onChange={(event) => setNewContent(event.target.value)} />
            </div>
            <button type="button" onClick={addFile} disabled={!newPath.trim()}>
              Add file
            </button>
            <ul className="plain-list">
              {files.map((file) => (
                <li key={file.path}>
                  <code>{file.path}</code>{' '}
                  <button type="button" className="link-button" aria-label={`Remove ${file.path}`} onClick={() => setFiles(files.filter((one) => one !== file))}>
                    remove
                  </button>
                </li>
              ))}
            </ul>
          </fieldset>
        </div>
        <div>
          {pages.map((page, index) => (
            <div className="card" key={index}>
              <h2>{page.title}</h2>
              <Form
                schema={page.schema}
                uiSchema={{ ...page.uiSchema, 'ui:submitButtonOptions': { norender: true } }}
                formData={values}
                formContext={context}
                validator={validator}
                fields={FIELDS}
                showErrorList={false}
                noHtml5Validate
                onChange={(event) => setValues(event.formData)}
              />
            </div>
          ))}
          <button type="button" onClick={run} disabled={!template.value || running}>
            Dry run
          </button>
        </div>
      </div>
      {running && <Loading what="the dry run" />}
      {failure && <ErrorPanel title="The dry run was refused" error={failure} />}
      {result && (
        <div className="dry-run-result">
          {result.error && <ErrorPanel title="A step failed" error={new Error(result.error)} />}
          <div className="editor-layout">
            <div className="card">
              <h2>Files ({result.directoryContents.length})</h2>
              <FileTree files={result.directoryContents} shown={shown} onShow={setShown} />
            </div>
            <div className="card">
              <h2>{shown ?? 'No file'}</h2>
              {shownFile && (textOf(shownFile) === undefined ? <p>A binary file.</p> : <pre className="file-contents" aria-label="File contents" tabIndex={0}>{textOf(shownFile)}</pre>)}
            </div>
          </div>
          <div className="card">
            <h2>Log</h2>
            <pre className="task-log" aria-label="Dry-run log" tabIndex={0}>
              {result.log.map((entry) => `${entry.body.stepId ? `[${entry.body.stepId}] ` : ''}${entry.body.message ?? ''}`).join('\n')}
            </pre>
          </div>
          {result.output && <TaskOutputPanel output={result.output} />}
        </div>
      )}
    </section>
  );
}

interface Folder {
  folders: Map<string, Folder>;
  files: DirectoryFile[];
}

function treeOf(files: DirectoryFile[]): Folder {
  const root: Folder = { folders: new Map(), files: [] };
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const parts = file.path.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      if (!folder.folders.has(part)) folder.folders.set(part, { folders: new Map(), files: [] });
      folder = folder.folders.get(part)!;
    }
    folder.files.push(file);
  }
  return root;
}

/** The produced files as folders and files; choosing a file shows it. */
export function FileTree({ files, shown, onShow }: { files: DirectoryFile[]; shown?: string; onShow: (path: string) => void }) {
  const render = (folder: Folder) => (
    <ul className="file-tree">
      {[...folder.folders].map(([name, child]) => (
        <li key={name}>
          <span className="folder-name">{name}/</span>
          {render(child)}
        </li>
      ))}
      {folder.files.map((file) => (
        <li key={file.path}>
          <button type="button" className="link-button" aria-current={file.path === shown ? 'true' : undefined} aria-label={file.path} onClick={() => onShow(file.path)}>
            {file.path.split('/').pop()}
          </button>
        </li>
      ))}
    </ul>
  );
  return render(treeOf(files));
}
