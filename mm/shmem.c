/*
 * Shared anonymous memory objects (mm/shmem.h): an array of pages indexed
 * by page offset, filled on first touch. The object holds one reference
 * on each page and every mapping of a page one more, so a page lives as
 * long as either.
 */
#include <errno.h>
#include <mm.h>
#include <mman.h>
#include <mutex.h>
#include <page.h>
#include <panic.h>
#include <slab.h>
#include <lib/string.h>
#include "shmem.h"

/* Lock legend: lock covers npages, pages and resident; refs atomic. */
struct shmem {
	int refs;
	struct mutex lock;
	unsigned long npages;
	unsigned long resident;		/* pages allocated */
	paddr_t *pages;			/* 0: not yet allocated */
};

struct shmem *shmem_create(unsigned long npages)
{
	struct shmem *obj = kzalloc(sizeof(*obj), GFP_KERNEL);

	if (!obj)
		return NULL;
	obj->pages = kzalloc(MAX(npages, 1UL) * sizeof(paddr_t), GFP_KERNEL);
	if (!obj->pages) {
		kfree(obj);
		return NULL;
	}
	obj->refs = 1;
	obj->npages = npages;
	mutex_init(&obj->lock);
	return obj;
}

void shmem_get(struct shmem *obj)
{
	__atomic_add_fetch(&obj->refs, 1, __ATOMIC_RELAXED);
}

void shmem_put(struct shmem *obj)
{
	int left = __atomic_sub_fetch(&obj->refs, 1, __ATOMIC_ACQ_REL);

	KASSERT(left >= 0);	/* one put too many: the pages are gone */
	if (left)
		return;
	for (unsigned long i = 0; i < obj->npages; i++)
		if (obj->pages[i])
			user_page_put(obj->pages[i]);
	kfree(obj->pages);
	kfree(obj);
}

paddr_t shmem_page(struct shmem *obj, unsigned long index)
{
	paddr_t pa = 0;

	mutex_lock(&obj->lock);
	if (index >= obj->npages)
		goto out;
	if (!obj->pages[index]) {
		obj->pages[index] = user_page_alloc(true);
		if (obj->pages[index])
			obj->resident++;
	}
	pa = obj->pages[index];
	if (pa)
		user_page_get(pa);
out:
	mutex_unlock(&obj->lock);
	return pa;
}

int shmem_resize(struct shmem *obj, unsigned long npages)
{
	paddr_t *pages;
	int err = 0;

	mutex_lock(&obj->lock);
	if (npages <= obj->npages)
		goto out;
	pages = kzalloc(npages * sizeof(paddr_t), GFP_KERNEL);
	if (!pages) {
		err = -ENOMEM;
		goto out;
	}
	memcpy(pages, obj->pages, obj->npages * sizeof(paddr_t));
	kfree(obj->pages);
	obj->pages = pages;
	obj->npages = npages;
out:
	mutex_unlock(&obj->lock);
	return err;
}

paddr_t shmem_lookup(struct shmem *obj, unsigned long index)
{
	paddr_t pa = 0;

	mutex_lock(&obj->lock);
	if (index < obj->npages)
		pa = obj->pages[index];
	mutex_unlock(&obj->lock);
	return pa;
}

void shmem_truncate(struct shmem *obj, unsigned long npages)
{
	mutex_lock(&obj->lock);
	for (unsigned long i = npages; i < obj->npages; i++)
		if (obj->pages[i]) {
			user_page_put(obj->pages[i]);
			obj->pages[i] = 0;
			obj->resident--;
		}
	mutex_unlock(&obj->lock);
}

unsigned long shmem_resident(struct shmem *obj)
{
	return READ_ONCE(obj->resident);
}
