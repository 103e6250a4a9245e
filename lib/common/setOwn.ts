/**
 * Sets a property as an own, enumerable data property, also for the name
 * `__proto__` (which plain assignment would take as the prototype): keys that
 * come from data (JSON members, Avro map keys, Kafka headers, FEEL context
 * entries) stay data and never pollute a prototype.
 *
 * @param target - the object to set the property on
 * @param name - the property name, any string
 * @param value - the value
 */
const setOwn = <T>(target: Record<string, T>, name: string, value: T): void => {
  if (name === '__proto__') {
    Object.defineProperty(target, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[name] = value;
  }
};

export { setOwn };
