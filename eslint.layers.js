// The import rules that keep the layers one-way between the APIs: http/ knows no vendor, a vendor
// knows only its own folder and the kit. Vendors are the folders of src/compat (but kit), so a
// new vendor is covered the moment its folder exists. Used by eslint.config.js and its test.
import { readdirSync } from 'node:fs';

/** The vendor folders under `compatDir`. */
export function vendorsIn(compatDir) {
  return readdirSync(compatDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'kit')
    .map((entry) => entry.name);
}

// Import specifiers are matched as written (relative), so a folder is found by its name.
const folder = (names) => `(^|/)(${names.map((n) => n.replaceAll('.', '\\.')).join('|')})/`;
const restrict = (...patterns) => ['error', { patterns }];

/** ESLint config objects for the compat layer and its composition root. */
export function layerRules(compatDir) {
  const vendors = vendorsIn(compatDir);
  return [
    ...vendors.map((vendor) => ({
      files: [`src/compat/${vendor}/**`],
      rules: {
        'no-restricted-imports': restrict(
          ...(vendors.length > 1
            ? [
                {
                  regex: folder(vendors.filter((v) => v !== vendor)),
                  message: 'A vendor never imports another vendor: share it through src/compat/kit.',
                },
              ]
            : []),
          { regex: folder(['http', 'cli']), message: 'A vendor reaches http/ only through src/compat/kit.' },
          {
            regex: folder(['store']),
            allowTypeImports: true,
            message: 'A vendor calls core, not the store (types excepted).',
          },
        ),
      },
    })),
    {
      files: ['src/compat/kit/**'],
      rules: {
        'no-restricted-imports': restrict(
          ...(vendors.length > 0
            ? [{ regex: folder(vendors), message: 'The kit serves every vendor and imports none.' }]
            : []),
          { regex: '^\\.\\./index\\.js$', message: 'The kit does not import the registry.' },
        ),
      },
    },
    {
      files: ['src/http/**'],
      ignores: ['src/http/app.ts'],
      rules: {
        'no-restricted-imports': restrict({
          regex: folder(['compat']),
          message:
            'http/ knows no compat API: only the composition root (http/app.ts) takes them from the registry.',
        }),
      },
    },
    {
      files: ['src/http/app.ts'],
      rules: {
        'no-restricted-imports': restrict({
          regex: '(^|/)compat/(?!index\\.js$)',
          message: 'The composition root takes the compat APIs from the registry (compat/index.js) only.',
        }),
      },
    },
  ];
}
