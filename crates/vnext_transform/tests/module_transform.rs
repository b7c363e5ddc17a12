use std::collections::HashMap;

use vnext_transform::{
    Dependency, DependencyKind, Directive, TransformOptions, TransformedModule, parse_module,
};

fn options() -> TransformOptions {
    TransformOptions {
        env: HashMap::from([("NODE_ENV".to_string(), "production".to_string())]),
        minify: false,
        source_map: false,
        action_id_salt: String::new(),
    }
}

fn transform(file: &str, source: &str) -> TransformedModule {
    parse_module(file, source).unwrap().transform(&options())
}

fn specifiers(dependencies: &[Dependency]) -> Vec<(&str, DependencyKind)> {
    dependencies
        .iter()
        .map(|d| (d.specifier.as_str(), d.kind))
        .collect()
}

#[test]
fn esm_tsx_becomes_a_registry_module() {
    let source = r#""use client";
import React, { useState } from "react";
import type { Props } from "./types";
export * from "./more";
export const answer: number = 42;
export default function Button({ label }: Props) { const [n] = useState(0); return <button>{label}{n}</button>; }
const later = () => import("./lazy");
"#;
    let parsed = parse_module("button.tsx", source).unwrap();
    assert_eq!(parsed.directive, Some(Directive::UseClient));
    let module = parsed.transform(&options());
    assert!(module.is_esm);
    assert_eq!(module.exports, ["answer", "default"]);
    assert_eq!(module.star_exports, ["./more"]);
    let found = specifiers(&module.dependencies);
    assert!(
        found.contains(&("react", DependencyKind::Static)),
        "{found:?}"
    );
    assert!(
        found.contains(&("react/jsx-runtime", DependencyKind::Static)),
        "{found:?}"
    );
    assert!(
        found.contains(&("./more", DependencyKind::Static)),
        "{found:?}"
    );
    assert!(
        found.contains(&("./lazy", DependencyKind::Dynamic)),
        "{found:?}"
    );
    assert!(
        found.contains(&("@swc/helpers/_/_export_star", DependencyKind::Static)),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|(specifier, _)| *specifier == "./types"),
        "type-only imports vanish: {found:?}"
    );
    let code = module
        .emit(|specifier, _| Some(format!("id:{specifier}")))
        .code;
    assert!(code.contains(r#"require("id:react")"#), "{code}");
    assert!(code.contains(r#"require.load("id:./lazy")"#), "{code}");
    assert!(!code.contains("import "), "{code}");
}

#[test]
fn node_env_branches_are_dropped() {
    let source = r#"if (process.env.NODE_ENV === "production") { module.exports = require("./prod.js"); } else { module.exports = require("./dev.js"); }"#;
    let module = transform("index.js", source);
    assert!(!module.is_esm);
    assert_eq!(
        specifiers(&module.dependencies),
        [("./prod.js", DependencyKind::Static)]
    );
}

#[test]
fn a_local_named_process_is_left_alone() {
    let source =
        "const process = { env: { NODE_ENV: 'x' } }; export const mode = process.env.NODE_ENV;";
    let code = transform("a.js", source).emit(|_, _| None).code;
    assert!(code.contains("process.env.NODE_ENV"), "{code}");
}

#[test]
fn syntax_errors_are_diagnostics() {
    let error = parse_module("src/broken.js", "export const = 1;")
        .err()
        .unwrap();
    assert_eq!(error.code, "syntax-error");
    assert_eq!(error.location.unwrap().line, 1);
    assert!(
        error
            .code_frame
            .unwrap()
            .contains("> 1 | export const = 1;")
    );
}

#[test]
fn top_level_await_is_kept_and_reported() {
    let module = transform("main.mjs", "export const one = await Promise.resolve(1);");
    assert!(module.has_top_level_await);
    let code = module.emit(|_, _| None).code;
    assert!(code.contains("await Promise.resolve(1)"), "{code}");
    assert!(!transform("main.mjs", "export const f = async () => await 1;").has_top_level_await);
}

#[test]
fn only_written_dependencies_have_a_location() {
    let module = transform(
        "page.jsx",
        "import { title } from './title.js'\nexport const Page = () => <h1>{title}</h1>\n",
    );
    let locations: Vec<_> = module
        .dependencies
        .iter()
        .map(|dependency| {
            let location = module.locate("page.jsx", dependency);
            (
                dependency.specifier.as_str(),
                location.map(|l| (l.line, l.column)),
            )
        })
        .collect();
    assert_eq!(
        locations,
        [("react/jsx-runtime", None), ("./title.js", Some((1, 23)))]
    );
}

#[test]
fn mappings_lead_from_the_output_back_to_the_source() {
    let source = "type Id = string\nconst prefix: Id = 'id-'\nexport function make(n: number) {\n  return prefix + n\n}\n";
    for minify in [false, true] {
        let options = TransformOptions {
            minify,
            source_map: true,
            ..options()
        };
        let emitted = parse_module("make.ts", source)
            .unwrap()
            .transform(&options)
            .emit(|_, _| None);
        let lines: Vec<&str> = emitted.code.lines().collect();
        let found = emitted
            .mappings
            .iter()
            .find(|mapping| (mapping.original_line, mapping.original_column) == (3, 2))
            .unwrap_or_else(|| panic!("no mapping for `return` in {:?}", emitted.mappings));
        let generated = &lines[found.generated_line as usize][found.generated_column as usize..];
        assert!(
            generated.starts_with("return"),
            "minify {minify}: {generated}"
        );
    }
}

#[test]
fn an_es_modules_exports_are_defined_in_one_call() {
    let source = "import { x } from './x'\nexport const a = x\nexport function b() { return a }\nexport default class C {}\nexport { a as alias }\n";
    let code = transform("m.js", source)
        .emit(|specifier, _| Some(specifier.to_string()))
        .code;
    assert!(!code.contains("defineProperty"), "{code}");
    let defined = code.find("require.e(exports, {").expect(&code);
    assert!(
        defined < code.find("require(\"./x\")").expect(&code),
        "{code}"
    );
    // Export names and the import's names are markers, which the bundler fills.
    for getter in [
        "__vnext_export_a__: ()=>a",
        "__vnext_export_b__: ()=>b",
        "__vnext_export_default__: ()=>C",
        "__vnext_export_alias__: ()=>a",
        "_x.__vnext_import_0_x__",
    ] {
        assert!(code.contains(getter), "{getter} in {code}");
    }

    let single = transform("one.js", "export const only = 1\n")
        .emit(|specifier, _| Some(specifier.to_string()))
        .code;
    assert!(
        single.contains(
            "require.e(exports, {\n    __vnext_export_only__: ()=>only\n}, __vnext_written_names__);"
        ),
        "{single}"
    );

    // A name no marker can carry leaves every key as it is written.
    let quoted = transform("q.js", "const a = 1\nexport { a as 'a b', a }\n");
    assert_eq!(quoted.marked_exports, None);
    let quoted = quoted.emit(|specifier, _| Some(specifier.to_string())).code;
    assert!(quoted.contains("\"a b\": ()=>a"), "{quoted}");
    assert!(quoted.contains("\"a\": ()=>a"), "{quoted}");

    // A function of the module's own named like swc's helper stays.
    let own_helper = transform(
        "own.js",
        "function _export() { return 1 }\nexport const a = _export(), b = 2\n",
    )
    .emit(|specifier, _| Some(specifier.to_string()))
    .code;
    assert!(own_helper.contains("require.e(exports, {"), "{own_helper}");
    assert!(own_helper.contains("return 1;"), "{own_helper}");

    // A CommonJS module's own `defineProperty` calls are its own.
    let commonjs =
        "Object.defineProperty(exports, \"__esModule\", { value: true });\nexports.x = 1;\n";
    let kept = transform("c.js", commonjs)
        .emit(|specifier, _| Some(specifier.to_string()))
        .code;
    assert!(
        kept.contains("Object.defineProperty(exports, \"__esModule\""),
        "{kept}"
    );
}

#[test]
fn imports_read_otherwise_than_by_name_are_told_apart() {
    let source = "import * as whole from './whole'\nimport { named } from './named'\nimport { mixed } from './mixed'\nexport * from './star'\nconst required = require('./mixed')\nexport const uses = [Object.keys(whole), named, mixed, required]\n";
    let properties = transform("m.js", source).imported_properties;
    assert!(
        properties.slots.contains(&"./named".to_string()),
        "{properties:?}"
    );
    let mut escaping = properties.escaping.clone();
    escaping.sort();
    // `export *` copies names under those the module was given (see the registry).
    assert_eq!(escaping, ["./mixed", "./whole"]);
}

#[test]
fn a_module_passed_through_a_function_of_the_module_is_read_whole() {
    let source = "import { a } from './a'\nconst wrapped = wrap(require('./a'))\nexport const uses = [a, wrapped.a]\n";
    let properties = transform("m.js", source).imported_properties;
    assert_eq!(properties.escaping, ["./a"]);
}
