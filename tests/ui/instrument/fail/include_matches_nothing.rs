// A filter that matches no function is surely a typo: a warning (denied here to show it).
#![deny(deprecated)]

#[modsmith::instrument(include = "get_usr*")]
mod users {
    pub fn get_user(id: u64) -> u64 {
        id
    }

    pub fn delete_user(id: u64) -> u64 {
        id
    }
}

fn main() {
    users::get_user(1);
    users::delete_user(1);
}
