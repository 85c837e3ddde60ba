package org.xephang.api;

/** A counter is OPEN (an officer is signed in and takes tickets), PAUSED (with a reason) or CLOSED (nobody there). */
public enum CounterState {
    OPEN,
    PAUSED,
    CLOSED
}
