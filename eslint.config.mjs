// Lint with type information: correctness rules on (floating promises, exhaustive switches),
// and the project boundaries of STYLE.md enforced as errors.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const FRAMEWORKS = ['typeorm', 'typeorm/*', '@nestjs/*', '@angular/*', 'express', 'pg'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.angular/**', 'coverage/**', '.data/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './apps/portal/tsconfig.app.json', './apps/counter/tsconfig.app.json', './apps/kiosk/tsconfig.app.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../../*'], message: 'Import across projects through @mpp/* aliases.' }] }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.browser-spec.ts', 'apps/api/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-imports': 'off',
    },
  },
  {
    // libs/contracts and libs/domain: plain TypeScript, shared by browser and server.
    files: ['libs/contracts/**/*.ts', 'libs/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: FRAMEWORKS, message: 'contracts and domain hold no framework or I/O code.' },
            { group: ['**/apps/**', '../../../*'], message: 'Libraries never import applications.' },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/ui/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/**', '../../../*'], message: 'Libraries never import applications.' }] }],
    },
  },
  {
    files: ['apps/portal/**/*.ts', 'apps/counter/**/*.ts', 'apps/kiosk/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['typeorm', 'typeorm/*', '@nestjs/*', '**/apps/api/**'], message: 'The browser apps never import server code: use @mpp/contracts.' },
            { group: ['../../../*'], message: 'Import across projects through @mpp/* aliases.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
);
