import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Import rules from ../shared/style-anchors.md (b): lower layers never reach upward.
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  { files: ['src/machinery/**/*.ts'], rules: restrict(['**/api/**', '**/storage/**', '**/apiserver/**', '**/client/**', '**/cluster/**']) },
  { files: ['src/api/**/*.ts'], rules: restrict(['**/storage/**', '**/apiserver/**', '**/client/**', '**/cluster/**']) },
  { files: ['src/storage/**/*.ts'], rules: restrict(['**/api/**', '**/apiserver/**', '**/client/**', '**/cluster/**']) },
  {
    files: ['src/controllers/**/*.ts', 'src/scheduler/**/*.ts', 'src/kubelet/**/*.ts'],
    rules: restrict(['**/apiserver/**', '**/storage/**', '**/cluster/**']),
  },
);
