//! Where things go on a drawn map: places projected around the centre (north up, to scale),
//! and labels turned so they read left to right or bottom to top, as maps write them.

use crate::domain::geo::LatLng;

/// Half the view box, in its units: the map is 600 × 600 around its centre.
pub const HALF: f64 = 300.0;
const M_PER_DEG_LAT: f64 = 111_195.0;

/// A map's projection: `reach_m` metres from the centre to each edge.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub centre: LatLng,
    pub reach_m: f64,
}

impl Frame {
    pub fn units_per_m(self) -> f64 {
        HALF / self.reach_m
    }

    /// Where a place is drawn (view-box units, y down).
    pub fn project(self, p: LatLng) -> (f64, f64) {
        let m_per_deg_lng = M_PER_DEG_LAT * self.centre.lat().to_radians().cos();
        let east = (p.lng() - self.centre.lng()) * m_per_deg_lng;
        let north = (p.lat() - self.centre.lat()) * M_PER_DEG_LAT;
        (east * self.units_per_m(), -north * self.units_per_m())
    }

    /// The place drawn at a point: the inverse of [`Frame::project`], for taps.
    pub fn unproject(self, x: f64, y: f64) -> Option<LatLng> {
        let m_per_deg_lng = M_PER_DEG_LAT * self.centre.lat().to_radians().cos();
        let lat = self.centre.lat() - y / self.units_per_m() / M_PER_DEG_LAT;
        let lng = self.centre.lng() + x / self.units_per_m() / m_per_deg_lng;
        LatLng::new(lat, lng).ok()
    }

    pub fn view_box() -> String {
        format!("{} {} {} {}", -HALF, -HALF, 2.0 * HALF, 2.0 * HALF)
    }
}

/// A label's placement: its anchor point, its turn in degrees and which end sits at the anchor.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    pub x: f64,
    pub y: f64,
    pub angle: f64,
    /// `true`: the text ends at the anchor (it runs towards it).
    pub ends_at_anchor: bool,
}

impl Placement {
    pub fn transform(self) -> String {
        format!(
            "translate({:.1} {:.1}) rotate({:.1})",
            self.x, self.y, self.angle
        )
    }

    pub fn anchor(self) -> &'static str {
        if self.ends_at_anchor { "end" } else { "start" }
    }
}

/// A label written from `(x, y)` outwards in direction `(dx, dy)`, `gap` units clear of it,
/// turned so it never reads upside down: pointing left or down, it is turned half round and
/// ends at the anchor instead.
pub fn outwards(x: f64, y: f64, dx: f64, dy: f64, gap: f64) -> Placement {
    let length = dx.hypot(dy).max(f64::EPSILON);
    let (ux, uy) = (dx / length, dy / length);
    let angle = uy.atan2(ux).to_degrees();
    let readable = (-90.0..90.0).contains(&angle);
    Placement {
        x: x + ux * gap,
        y: y + uy * gap,
        angle: if readable {
            angle
        } else {
            angle - 180.0 * angle.signum()
        },
        ends_at_anchor: !readable,
    }
}

/// A shop's label beside a street: written away from the street's line, on the shop's side.
/// `along` is the street's direction in view-box units.
pub fn beside_street(shop: (f64, f64), on_line: (f64, f64), along: (f64, f64)) -> Placement {
    // The normal to the street that points to the shop's side (north or west when on it).
    let (nx, ny) = (along.1, -along.0);
    let side = (shop.0 - on_line.0) * nx + (shop.1 - on_line.1) * ny;
    let (nx, ny) = if side < 0.0 || (side == 0.0 && ny > 0.0) {
        (-nx, -ny)
    } else {
        (nx, ny)
    };
    outwards(shop.0, shop.1, nx, ny, 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zhengzhou() -> Frame {
        Frame {
            centre: LatLng::new(34.75, 113.63).unwrap(),
            reach_m: 1150.0,
        }
    }

    #[test]
    fn the_centre_is_drawn_in_the_middle_and_north_is_up() {
        let frame = zhengzhou();
        assert_eq!(frame.project(frame.centre), (0.0, 0.0));
        let (x, y) = frame.project(LatLng::new(34.755, 113.63).unwrap());
        assert!(x.abs() < 1e-9 && y < 0.0);
    }

    #[test]
    fn a_kilometre_is_drawn_to_scale_and_a_tap_lands_where_the_place_is() {
        let frame = zhengzhou();
        let south = LatLng::new(34.75 - 1000.0 / M_PER_DEG_LAT, 113.63).unwrap();
        assert!((frame.project(south).1 - 1000.0 * HALF / 1150.0).abs() < 1e-6);
        let place = LatLng::new(34.7531, 113.6262).unwrap();
        let (x, y) = frame.project(place);
        let back = frame.unproject(x, y).unwrap();
        assert!(place.distance_m(back) < 0.01);
    }

    #[test]
    fn labels_never_read_upside_down() {
        // East: as written. West: turned round, ending at the anchor.
        let east = outwards(0.0, 0.0, 1.0, 0.0, 10.0);
        assert_eq!(
            (east.x, east.angle, east.ends_at_anchor),
            (10.0, 0.0, false)
        );
        let west = outwards(0.0, 0.0, -1.0, 0.0, 10.0);
        assert_eq!(
            (west.x, west.angle.abs(), west.ends_at_anchor),
            (-10.0, 0.0, true)
        );
        // Up reads bottom to top; down is the same turn, ending at the anchor.
        let up = outwards(0.0, 0.0, 0.0, -1.0, 10.0);
        assert_eq!((up.y, up.angle, up.ends_at_anchor), (-10.0, -90.0, false));
        let down = outwards(0.0, 0.0, 0.0, 1.0, 10.0);
        assert_eq!(
            (down.y, down.angle, down.ends_at_anchor),
            (10.0, -90.0, true)
        );
    }

    #[test]
    fn a_shops_label_goes_out_on_its_own_side_of_the_street() {
        // An east–west street along y = 0: a shop north of it is labelled upwards, south downwards.
        let north = beside_street((5.0, -6.0), (5.0, 0.0), (1.0, 0.0));
        assert!(north.y < -6.0 && !north.ends_at_anchor);
        let south = beside_street((5.0, 6.0), (5.0, 0.0), (1.0, 0.0));
        assert!(south.y > 6.0 && south.ends_at_anchor);
        // A north–south street: east of it reads on rightwards, west of it ends at the shop.
        let east = beside_street((6.0, 5.0), (0.0, 5.0), (0.0, 1.0));
        assert!(east.x > 6.0 && !east.ends_at_anchor);
        let west = beside_street((-6.0, 5.0), (0.0, 5.0), (0.0, 1.0));
        assert!(west.x < -6.0 && west.ends_at_anchor);
    }
}
