/* global process, console */
// `npm run build`: declarations of @slotwise/contracts, then tsup, which bundles them into dist/index.d.ts.
//
// The contracts package is private and source-only, so the SDK ships its types. Declaration emit works
// per route module, but not for `contract` itself: its inferred type (every route with its zod
// schemas) is far beyond what TypeScript will serialise (TS7056). So contract.d.ts is written here
// from contract.ts's syntax instead: each router becomes `typeof <its module export>`, which is the
// same type, by reference. New routes need nothing here as long as contract.ts stays a tree of
// `c.router({ key: importedRouter, ... })`; anything else fails the build loudly.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const sdkDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = resolve(sdkDir, '../contracts/src');
// Outside node_modules on purpose: the declaration bundler treats anything there as an external library.
const outDir = resolve(sdkDir, 'dist/.contracts-dts');

function fail(msg) {
  console.error(`sdk build: ${msg}`);
  process.exit(1);
}

function emitModules() {
  const configPath = resolve(srcDir, '../tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) =>
        fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    },
  );
  const files = parsed.fileNames.filter((f) => f.startsWith(srcDir + '/'));
  const program = ts.createProgram(files, {
    ...parsed.options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    rootDir: srcDir,
    outDir,
  });
  const { diagnostics } = program.emit();
  const contractFile = join(srcDir, 'contract.ts');
  // TS7056 on contract.ts is expected (see above); anything else is a real problem.
  const real = [...ts.getPreEmitDiagnostics(program), ...diagnostics].filter(
    (d) => !(d.code === 7056 && d.file?.fileName === contractFile),
  );
  if (real.length) {
    fail(
      ts.formatDiagnostics(real, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => sdkDir,
        getNewLine: () => '\n',
      }),
    );
  }
}

function typeOfRouter(node, where) {
  if (ts.isIdentifier(node)) return `typeof ${node.text}`;
  if (
    ts.isCallExpression(node) &&
    node.arguments.length === 1 &&
    ts.isObjectLiteralExpression(node.arguments[0]) &&
    node.expression.getText() === 'c.router'
  ) {
    return typeLiteral(node.arguments[0], where);
  }
  return fail(
    `${where}: expected an imported router or c.router({ ... }), found \`${node.getText()}\``,
  );
}

function typeLiteral(obj, where) {
  const members = obj.properties.map((p) => {
    if (ts.isShorthandPropertyAssignment(p)) return `${p.name.text}: typeof ${p.name.text};`;
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
      const key = ts.isIdentifier(p.name) ? p.name.text : JSON.stringify(p.name.text);
      return `${key}: ${typeOfRouter(p.initializer, `${where}.${p.name.text}`)};`;
    }
    return fail(`${where}: unsupported property \`${p.getText()}\``);
  });
  return `{ ${members.join(' ')} }`;
}

function writeContractDts() {
  const file = join(srcDir, 'contract.ts');
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const imports = sf.statements.filter(ts.isImportDeclaration).map((i) => i.getText());
  let decl;
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.name.text === 'contract' && d.initializer)
        decl = typeOfRouter(d.initializer, 'contract');
    }
  }
  if (!decl) fail(`${relative(sdkDir, file)}: no \`export const contract = c.router({ ... })\``);
  const out = join(outDir, 'contract.d.ts');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${imports.join('\n')}\nexport declare const contract: ${decl};\nexport type Contract = typeof contract;\n`,
  );
}

rmSync(resolve(sdkDir, 'dist'), { recursive: true, force: true });
emitModules();
writeContractDts();
const tsup = createRequire(import.meta.url).resolve('tsup/dist/cli-default.js');
try {
  execFileSync(process.execPath, [tsup], { cwd: sdkDir, stdio: 'inherit' });
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
