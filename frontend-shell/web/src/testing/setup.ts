import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { forgetUiPlugins } from '../uiplugins/UiPlugins';

// Testing Library unmounts after each test by itself only with global test functions; these are imported.
afterEach(cleanup);
// The UI plugins load once per page load; each test is one.
afterEach(() => forgetUiPlugins());
