/**
 * LED counter displays and wall summary boards on an RS-485 bus.
 *
 * <p>Use: {@code LedDisplay led = DeviceFactory.standard().create("led:ascii+serial:///dev/ttyUSB1?address=3",
 * LedDisplay.class); led.start(); led.show(LedFrame.number("A1023"));} from a worker thread.
 * {@link org.xephang.device.led.LedSummaryBoard} shows several "counter → number" lines. Displays on one port share
 * one {@link org.xephang.device.led.LedBus} (writes serialised with a gap, latest frames re-sent after a
 * reconnect). Codecs are pure functions of bytes: {@link org.xephang.device.led.AsciiFrameCodec},
 * {@link org.xephang.device.led.ArmflyCodec}, {@link org.xephang.device.led.ModbusLedCodec} (CRC:
 * {@link org.xephang.device.led.Crc16Modbus}). URIs: see {@link org.xephang.device.led.LedDeviceProvider}.
 * Simulator: {@link org.xephang.device.led.sim.LedBusSimulator}.
 */
package org.xephang.device.led;
