/**
 * Sites and their configuration: the {@link org.xephang.core.site.CentreConfig} record tree read and validated by
 * {@link org.xephang.core.site.CentreConfigLoader} (every problem at once, by key: docs/configuration.md), and the
 * {@link org.xephang.core.site.SiteCalendar} (opening sessions, closures, cut-off, next opening, local day). Plain
 * Java, no Vert.x; immutable and thread-safe once loaded.
 */
package org.xephang.core.site;
