/**
 * Counters' live state ({@link org.xephang.core.counter.CounterDesk}): sign-in and sign-out, pause with a reason, at
 * most one CALLED or SERVING ticket. Plain Java, no Vert.x.
 */
package org.xephang.core.counter;
