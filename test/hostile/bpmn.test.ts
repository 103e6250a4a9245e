import { describe, expect, it } from 'vitest';
import { loadBindingModel } from '../../lib/binding/index.js';
import { hostileBpmnFiles, validOrderXml } from './hostileBpmn.js';
import { BOUNDS, CLEAN_PROBE, measure, pollutionProbe } from './measure.js';

describe('Function: loadBindingModel (hostile uploads)', () => {
  it('accepts the valid file the hostile ones vary', async () => {
    // Act
    const model = await loadBindingModel(validOrderXml());

    // Assess
    expect(model.errors).toEqual([]);
    expect(model.bindings.map((b) => b.kafka.topic)).toEqual(['orders']);
  });

  it.each(hostileBpmnFiles())(
    'handles $name within the time and memory bounds',
    async ({ xml, error, property }) => {
      // Prepare
      const text = xml();

      // Act
      const { result: model, cost } = await measure(() =>
        loadBindingModel(text)
      );

      // Assess
      expect(cost.cpuMs).toBeLessThan(BOUNDS.cpuMs);
      expect(cost.heapDeltaMb).toBeLessThan(BOUNDS.heapDeltaMb);
      if (error === undefined) {
        expect(model.errors).toEqual([]);
      } else {
        expect(model.bindings).toEqual([]);
        const match = model.errors.find((e) => e.message.includes(error));
        expect(match, JSON.stringify(model.errors).slice(0, 500)).toBeDefined();
        expect(match?.property).toBe(property);
      }
      // Nothing was read from the machine or the network.
      expect(JSON.stringify(model)).not.toMatch(/root:|daemon:/);
      expect(pollutionProbe()).toEqual(CLEAN_PROBE);
    }
  );
});
