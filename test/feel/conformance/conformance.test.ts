// feel-scala's own test cases (feel-scala-cases.json, transcribed with a
// citation each) against lib/feel. Every case must answer like feel-scala
// unless it is listed, with its reason, in known-differences.json; the list
// must stay exact (no listed case may pass) and docs/feel.md must name each.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadKnownDifferences, loadSuite, runCase } from './conformance.js';

const suite = loadSuite();
const known = loadKnownDifferences();
const knownIds = new Set(known.flatMap((k) => k.cases));
const outcomes = suite.cases.map(runCase);

describe('feel-scala conformance suite', () => {
  it('transcribes at least 800 cases, each citing its feel-scala test', () => {
    // Assess
    expect(suite.cases.length).toBeGreaterThanOrEqual(800);
    for (const c of suite.cases) {
      expect(c.file).toMatch(
        /^src\/test\/scala\/org\/camunda\/feel\/.+Test\.scala$/
      );
      expect(c.test).toMatch(/ should /);
    }
    expect(new Set(suite.cases.map((c) => c.id)).size).toBe(suite.cases.length);
  });

  it('answers like feel-scala on at least 99 % of the cases', () => {
    // Act
    const matching = outcomes.filter((o) => o.match).length;

    // Assess
    expect(matching / outcomes.length).toBeGreaterThanOrEqual(0.99);
  });

  it('lists every case that differs, and only those', () => {
    // Act
    const differing = outcomes.filter((o) => !o.match).map((o) => o.case.id);
    const listedButMatching = outcomes
      .filter((o) => o.match && knownIds.has(o.case.id))
      .map((o) => o.case.id);

    // Assess
    expect(differing.filter((id) => !knownIds.has(id))).toEqual([]);
    expect(listedButMatching).toEqual([]);
    expect(
      [...knownIds].filter((id) => !suite.cases.some((c) => c.id === id))
    ).toEqual([]);
  });

  it('reports the warnings feel-scala reports, with the same messages', () => {
    // Act
    const withWarnings = outcomes.filter((o) => o.warningsMatch !== undefined);
    const mismatched = withWarnings
      .filter((o) => !o.warningsMatch && !knownIds.has(o.case.id))
      .map((o) => `${o.case.id}: ${o.actual}`);

    // Assess
    expect(withWarnings.length).toBeGreaterThan(40);
    expect(mismatched).toEqual([]);
  });

  it('documents every known difference in the FEEL reference', () => {
    // Prepare
    const docs = new URL('../../../docs/feel.md', import.meta.url);
    const doc = existsSync(docs)
      ? docs
      : new URL('../../../README.md', import.meta.url);
    const text = readFileSync(doc, 'utf8');

    // Assess
    for (const difference of known) {
      for (const id of difference.cases) expect(text).toContain(id);
    }
  });
});
