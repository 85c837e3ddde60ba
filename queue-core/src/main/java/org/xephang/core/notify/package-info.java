/**
 * "Your turn is near" and "please come to counter X" messages by SMS and Zalo (issue 17 item 3): the citizen's
 * validated {@link org.xephang.core.notify.PhoneNumber}, the per-site {@link
 * org.xephang.core.notify.NotificationSettings}, and the pure {@link org.xephang.core.notify.NotificationTriggers}
 * deciding which message is due, exactly once per ticket and kind. Plain Java with the time passed in; no Vert.x.
 */
package org.xephang.core.notify;
