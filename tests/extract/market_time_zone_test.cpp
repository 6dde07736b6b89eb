// Tests of MarketTimeZone: written with the implementation.
