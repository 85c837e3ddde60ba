/** What the kiosk, counter and board agents share. */
package org.xephang.agent;
