import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['pkg/', 'target/', 'node_modules/', 'test-results/', 'dist/', 'package/'] },
  js.configs.recommended,
  {
    files: ['www/**/*.js', 'benches/web/**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.browser },
  },
  {
    files: ['tests/**/*.js', 'tests/**/*.mjs', 'scripts/**/*.mjs', 'benches/**/*.mjs', 'benches/*.test.js', 'eslint.config.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
  },
];
