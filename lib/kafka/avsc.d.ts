// avsc 5 ships types for its main entry only; lib/kafka imports its types
// module (`avsc/lib/types.js`, half the size: no containers or services) and
// declares here the small part of that API it uses.
declare module 'avsc/lib/types.js' {
  interface AvscField {
    readonly name: string;
    readonly type: AvscType;
  }

  interface AvscType {
    readonly typeName: string;
    readonly branchName?: string;
    readonly name?: string;
    /** Records. */
    readonly fields?: readonly AvscField[];
    /** Arrays. */
    readonly itemsType?: AvscType;
    /** Maps. */
    readonly valuesType?: AvscType;
    /** Unions. */
    readonly types?: readonly AvscType[];
    fromBuffer(buffer: Buffer): unknown;
    toBuffer(value: unknown): Buffer;
    schema(): unknown;
  }

  interface AvscForSchemaOptions {
    readonly wrapUnions?: boolean | 'auto' | 'always' | 'never';
    readonly logicalTypes?: Readonly<
      Record<string, new (schema: unknown, opts?: unknown) => AvscType>
    >;
    readonly registry?: Record<string, AvscType>;
    readonly omitRecordMethods?: boolean;
    readonly typeHook?: (
      schema: unknown,
      opts: unknown
    ) => AvscType | undefined;
  }

  interface AvscTypes {
    readonly Type: {
      forSchema(schema: unknown, opts?: AvscForSchemaOptions): AvscType;
      isType(value: unknown, ...prefixes: string[]): boolean;
    };
    readonly builtins: {
      readonly LogicalType: new (
        schema: unknown,
        opts?: unknown
      ) => AvscType & { readonly underlyingType: AvscType };
      readonly MapType: new (
        schema: unknown,
        opts?: unknown
      ) => AvscType & { readonly valuesType: AvscType };
      readonly ArrayType: new (
        schema: unknown,
        opts?: unknown
      ) => AvscType & { readonly itemsType: AvscType };
    };
  }

  const types: AvscTypes;
  export default types;
  export type { AvscField, AvscForSchemaOptions, AvscType, AvscTypes };
}
