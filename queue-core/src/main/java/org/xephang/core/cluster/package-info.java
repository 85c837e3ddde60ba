/**
 * A cluster of server nodes over one PostgreSQL store (docs/architecture.md §10, issue #16): {@link
 * org.xephang.core.cluster.ClusterNode} starts the clustered Vert.x (Hazelcast, TCP/IP member list), {@link
 * org.xephang.core.cluster.SitePlacement} says which live node should own a site; the lease with its fencing epoch
 * ({@link org.xephang.core.persistence.SiteLeases}) decides who does.
 */
package org.xephang.core.cluster;
