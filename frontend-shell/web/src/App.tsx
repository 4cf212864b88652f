import { Navigate, Route, Routes } from 'react-router-dom';
import { PageViews } from './analytics/PageViews';
import { ApiDocsPage } from './apidocs/ApiDocsPage';
import { ApiListPage } from './catalog/ApiListPage';
import { CatalogPage } from './catalog/CatalogPage';
import { EntityPage } from './entity/EntityPage';
import { AppConfigProvider } from './frame/appConfig';
import { AppFrame } from './frame/AppFrame';
import { IdentityProvider } from './frame/IdentityContext';
import { RbacPage } from './rbac/RbacPage';
import { RegisterPage } from './register/RegisterPage';
import { TaskPage } from './scaffolder/TaskPage';
import { TemplateEditorRoute, TemplateFormRoute } from './scaffolder/lazyPages';
import { TemplateListPage } from './scaffolder/TemplateListPage';
import { DocsListPage, DocsReaderPage } from './techdocs/DocsPages';
import { SearchModal } from './search/SearchModal';
import { SearchPage } from './search/SearchPage';
import { PluginPageOrNotFound } from './uiplugins/UiPlugins';

/** Every client route; the shell answers each of these paths with index.html, so they survive a reload. */
export function App() {
  return (
    <AppConfigProvider>
      <IdentityProvider>
        <PageViews />
        <AppFrame>
          <Routes>
            <Route path="/" element={<Navigate to="/catalog" replace />} />
            <Route path="/catalog" element={<CatalogPage />} />
            <Route path="/catalog/:namespace/:kind/:name" element={<EntityPage />} />
            <Route path="/catalog/:namespace/:kind/:name/docs/*" element={<EntityPage tab="docs" />} />
            <Route path="/docs" element={<DocsListPage />} />
            <Route path="/docs/:namespace/:kind/:name/*" element={<DocsReaderPage />} />
            <Route path="/api-docs" element={<ApiListPage />} />
            <Route path="/api-docs/:namespace/:name" element={<ApiDocsPage />} />
            <Route path="/catalog-import" element={<RegisterPage />} />
            <Route path="/search" element={<SearchPage />} />
            <Route path="/rbac" element={<RbacPage />} />
            <Route path="/create" element={<TemplateListPage />} />
            <Route path="/create/templates/:namespace/:name" element={<TemplateFormRoute />} />
            <Route path="/create/tasks/:id" element={<TaskPage />} />
            <Route path="/create/edit" element={<TemplateEditorRoute />} />
            {/* UI plugins' pages, loaded at run time (docs/ui-plugins.md), else the 404 page. */}
            <Route path="*" element={<PluginPageOrNotFound />} />
          </Routes>
          <SearchModal />
        </AppFrame>
      </IdentityProvider>
    </AppConfigProvider>
  );
}
