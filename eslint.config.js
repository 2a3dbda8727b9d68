import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['build/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Kysely's generic helpers take `Kysely<any>`.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Routes are adapters: SQL lives in the domain modules.
    files: ['app/routes/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['kysely', 'better-sqlite3', 'pg'],
          patterns: ['#db/connect', '#db/dialect', '#db/migrate', '#db/seed*'],
        },
      ],
    },
  },
  {
    // The domain is framework-free, so the worker, seed, CLI and tests call it as-is.
    files: ['app/domain/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['react', 'react-dom'], patterns: ['@remix-run/*'] }],
    },
  },
)
