import { Navigate, Route, Routes } from 'react-router-dom';
import { ApiListPage } from './catalog/ApiListPage';
import { CatalogPage } from './catalog/CatalogPage';
import { EntityPage } from './entity/EntityPage';
import { AppFrame } from './frame/AppFrame';
import { IdentityProvider } from './frame/IdentityContext';
import { NotFoundPage } from './frame/NotFoundPage';
import { RegisterPage } from './register/RegisterPage';

/** Every client route; the shell answers each of these paths with index.html, so they survive a reload. */
export function App() {
  return (
    <IdentityProvider>
      <AppFrame>
        <Routes>
          <Route path="/" element={<Navigate to="/catalog" replace />} />
          <Route path="/catalog" element={<CatalogPage />} />
          <Route path="/catalog/:namespace/:kind/:name" element={<EntityPage />} />
          <Route path="/api-docs" element={<ApiListPage />} />
          <Route path="/catalog-import" element={<RegisterPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </AppFrame>
    </IdentityProvider>
  );
}
