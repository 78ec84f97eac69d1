// ESLint flat config: typescript-eslint's type-aware rules, and the project's own rules for the
// core (no live clock, no unseeded randomness, no untyped throws — see ../shared/DESIGN.md).
import js from "@eslint/js"
import tseslint from "typescript-eslint"

export default tseslint.config(
  {
    // scripts/consumer is a user's program type-checked against the built packages by
    // scripts/check-packages.ts; linting it type-aware needs dist, which the lint step runs before
    ignores: ["**/dist/**", "**/build/**", "**/node_modules/**", "**/*.generated.ts", "**/coverage/**", "**/*.js", "scripts/consumer/**"]
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname
      }
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "separate-type-imports" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/require-yield": "off",
      "require-yield": "off",
      "@typescript-eslint/no-namespace": "off",
      "@typescript-eslint/no-empty-object-type": "off",
      "@typescript-eslint/unbound-method": "off",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/only-throw-error": "off",
      "@typescript-eslint/no-redundant-type-constituents": "off"
    }
  },
  {
    files: ["packages/core/src/**/*.ts"],
    ignores: ["**/*.test.ts", "**/*.bench.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "The core never reads the clock: use the Clock service or an argument." },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "The core never reads the clock: use the Clock service or an argument." },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: "Randomness comes in as a service or a seeded stream." },
        { selector: "ThrowStatement > NewExpression[callee.name='Error']", message: "The core returns typed errors; it never throws a plain Error." }
      ]
    }
  },
  {
    files: ["**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off"
    }
  }
)
