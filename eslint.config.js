import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist-cli/', 'node_modules/', 'test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // Layering (docs/architecture.md#layers): core is pure and imports nothing above it; gpu never imports ui or labs.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/gpu/**', '**/labs/**', '**/ui/**', '**/cli/**', 'lit', 'lit/*', 'uplot'] },
      ],
    },
  },
  {
    files: ['src/gpu/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/ui/**', '**/labs/**', '**/cli/**', 'lit', 'lit/*'] },
      ],
    },
  },
  {
    // Views talk to the GPU only through the labs' state.
    files: ['src/ui/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/gpu/**', '**/cli/**'] }] },
  },
  {
    files: ['src/labs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/ui/**', '**/cli/**'] }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
