import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
// The admin app's strings, as its entry adds them (src/admin/main.tsx).
import '../src/admin/catalogs';

// findBy* / waitFor poll until their condition holds; the default 1 s gives up on a loaded
// machine (parallel test runs, a busy CI box) before React has rendered. The test timeout
// (vitest.config.ts) still bounds a condition that never comes.
configure({ asyncUtilTimeout: 15_000 });

afterEach(() => cleanup());
