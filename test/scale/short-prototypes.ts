import { DurableObject } from 'cloudflare:workers';

type Construct = (target: object, args: ArrayLike<unknown>, newTarget?: object) => object;
type WithPrototype = { prototype: unknown };

/**
 * vitest-pool-workers 0.15 wraps the prototype of its Durable Object classes in one more Proxy
 * each time an object is constructed, so after about a thousand objects in one run every
 * property read walks a thousand traps and overflows the stack (cloudflare/workers-sdk#15092,
 * fixed upstream by #15106). This puts each class's first prototype back after every
 * construction, so no chain grows past two. A pool with the fix makes it a no-op; the returned
 * function undoes it. To lift it: upgrade @cloudflare/vitest-pool-workers past the fix.
 */
export function keepDurableObjectPrototypesShort(): () => void {
  const construct = Reflect.construct as unknown as Construct;
  const first = new WeakMap<object, unknown>();

  const shortening: Construct = (target, args, newTarget = target) => {
    const made = construct(target, args, newTarget);
    if (target === DurableObject) {
      const wrapper = newTarget as WithPrototype;
      if (!first.has(newTarget)) first.set(newTarget, wrapper.prototype);
      else wrapper.prototype = first.get(newTarget);
    }
    return made;
  };
  Reflect.construct = shortening as unknown as typeof Reflect.construct;
  return () => {
    Reflect.construct = construct as unknown as typeof Reflect.construct;
  };
}
