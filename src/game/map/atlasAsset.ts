/**
 * Where the board's world map data lives in the build: world-atlas's countries-110m
 * TopoJSON (108 kB) is emitted as a JSON file with a hashed name and fetched through
 * Phaser's loader, instead of being compiled into the board's script: the title screen
 * fetches it in the background once it takes input (it is not needed before), and the
 * board's preload fetches it if that has not happened (MapLayer.preload). Kept apart from
 * worldMap.ts so the title can name the file without pulling d3-geo and topojson-client
 * into its script.
 */
/// <reference types="vite/client" />
import url from 'world-atlas/countries-110m.json?url';

/** Key of the parsed TopoJSON in Phaser's JSON cache until the board takes it. */
export const WORLD_ATLAS_KEY = 'map:countries-110m';
export const WORLD_ATLAS_URL: string = url;
