/** Complaints and consultation (pengaduan, issue 16): the shapes the API answers and accepts. */
export {};
