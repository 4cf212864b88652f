import { lazy, Suspense } from 'react';
import { Loading } from '../common/StatusPanels';

// The form and the editor bring react-jsonschema-form, its validator and a YAML parser: their own
// chunk, loaded when one of them opens, as Swagger UI is for API pages.
const TemplateForm = lazy(() => import('./TemplateFormPage').then((module) => ({ default: module.TemplateFormPage })));
const TemplateEditor = lazy(() => import('./TemplateEditorPage').then((module) => ({ default: module.TemplateEditorPage })));

export function TemplateFormRoute() {
  return (
    <Suspense fallback={<Loading what="the form" />}>
      <TemplateForm />
    </Suspense>
  );
}

export function TemplateEditorRoute() {
  return (
    <Suspense fallback={<Loading what="the template editor" />}>
      <TemplateEditor />
    </Suspense>
  );
}
