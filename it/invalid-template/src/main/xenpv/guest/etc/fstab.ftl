# the site fstab
${guest.siteFstabLines}
