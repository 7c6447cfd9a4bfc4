/**
 * Wake-on-LAN: magic packets, where they go, and sending them. Shared by {@code drover wake},
 * the {@code wakeonlan} module and the node agent's power manager. Pure values
 * ({@link MacAddress}, {@link MagicPacket}, {@link Subnet}, {@link WakeTarget}) are separate
 * from the one class that touches the network ({@link WakeSender}, through a {@link PacketSink}),
 * so tests can record packets instead of broadcasting them.
 */
package dev.drover.wol;
