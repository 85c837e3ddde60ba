/**
 * FCFS routing ({@link org.xephang.core.routing.RoutingPolicy}, docs/architecture.md §6.4) and the wait estimate
 * ({@link org.xephang.core.routing.WaitEstimator}). Plain Java, no Vert.x.
 */
package org.xephang.core.routing;
