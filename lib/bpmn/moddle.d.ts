// bpmn-moddle 10 ships types only under `bpmn-moddle/types`; its main entry
// has none. This declares the small part of the API that lib/bpmn uses.
declare module 'bpmn-moddle' {
  interface ModdleWarning {
    readonly message: string;
    readonly element?: {
      readonly $type?: string;
      readonly id?: string;
      readonly $parent?: { readonly $type?: string; readonly id?: string };
    };
    readonly property?: string;
    readonly value?: unknown;
    readonly error?: unknown;
  }

  interface ModdleParseResult {
    readonly rootElement: unknown;
    readonly elementsById: Readonly<Record<string, unknown>>;
    readonly warnings: readonly ModdleWarning[];
  }

  class BpmnModdle {
    constructor(packages?: Readonly<Record<string, unknown>>);
    fromXML(xml: string, typeName?: string): Promise<ModdleParseResult>;
  }

  export type { ModdleParseResult, ModdleWarning };
  export { BpmnModdle };
}
